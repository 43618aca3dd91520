"""Vocabulary for synthetic plans: (Arabic, French, English) triples that combine
into plausible titles and narratives in all three languages."""

COUNTRIES = [
    ("المغرب", "Maroc", "Morocco", "MO"),
    ("تونس", "Tunisie", "Tunisia", "TN"),
    ("الأردن", "Jordanie", "Jordan", "JO"),
    ("السنغال", "Sénégal", "Senegal", "SN"),
    ("كوت ديفوار", "Côte d'Ivoire", "Côte d'Ivoire", "CI"),
    ("فرنسا", "France", "France", "FR"),
    ("إسبانيا", "Espagne", "Spain", "ES"),
    ("البرتغال", "Portugal", "Portugal", "PT"),
    ("كندا", "Canada", "Canada", "CA"),
    ("المكسيك", "Mexique", "Mexico", "MX"),
    ("البرازيل", "Brésil", "Brazil", "BR"),
    ("الشيلي", "Chili", "Chile", "CL"),
    ("كولومبيا", "Colombie", "Colombia", "CO"),
    ("كينيا", "Kenya", "Kenya", "KE"),
    ("نيجيريا", "Nigéria", "Nigeria", "NG"),
    ("غانا", "Ghana", "Ghana", "GH"),
    ("إندونيسيا", "Indonésie", "Indonesia", "ID"),
    ("الفلبين", "Philippines", "Philippines", "PH"),
    ("كوريا الجنوبية", "Corée du Sud", "South Korea", "KR"),
    ("جورجيا", "Géorgie", "Georgia", "GE"),
    ("أوكرانيا", "Ukraine", "Ukraine", "UA"),
    ("إستونيا", "Estonie", "Estonia", "EE"),
    ("إيطاليا", "Italie", "Italy", "IT"),
    ("ألمانيا", "Allemagne", "Germany", "DE"),
    ("بوركينا فاسو", "Burkina Faso", "Burkina Faso", "BF"),
    ("كابو فيردي", "Cap-Vert", "Cabo Verde", "CV"),
    ("الأرجنتين", "Argentine", "Argentina", "AR"),
    ("أستراليا", "Australie", "Australia", "AU"),
    ("نيوزيلندا", "Nouvelle-Zélande", "New Zealand", "NZ"),
    ("أرمينيا", "Arménie", "Armenia", "AM"),
]

AXES = [
    ("الولوج إلى المعلومة", "Accès à l'information", "Access to information"),
    (
        "النزاهة ومكافحة الفساد",
        "Intégrité et lutte contre la corruption",
        "Integrity and anti-corruption",
    ),
    ("شفافية الميزانية", "Transparence budgétaire", "Budget transparency"),
    ("مشاركة المواطنين", "Participation citoyenne", "Citizen participation"),
    ("جودة الخدمات العمومية", "Qualité des services publics", "Quality of public services"),
    ("العدالة المنفتحة", "Justice ouverte", "Open justice"),
    ("الجماعات الترابية المنفتحة", "Collectivités territoriales ouvertes", "Open local government"),
    ("المساواة والشمولية", "Égalité et inclusion", "Equality and inclusion"),
]

ACTIONS = [
    ("تعزيز", "Renforcer", "Strengthen"),
    ("إرساء", "Mettre en place", "Establish"),
    ("تطوير", "Développer", "Develop"),
    ("رقمنة", "Numériser", "Digitise"),
    ("تبسيط", "Simplifier", "Simplify"),
    ("نشر", "Publier", "Publish"),
    ("تقييم", "Évaluer", "Evaluate"),
    ("مأسسة", "Institutionnaliser", "Institutionalise"),
]

OBJECTS = [
    (
        "الحق في الحصول على المعلومات",
        "le droit d'accès à l'information",
        "the right to information",
    ),
    ("البيانات المفتوحة", "les données ouvertes", "open data"),
    ("منصة الشكايات", "la plateforme des réclamations", "the complaints platform"),
    ("تدبير الأرشيف العمومي", "la gestion des archives publiques", "public archives management"),
    ("الميزانية المواطنة", "le budget citoyen", "the citizen budget"),
    ("العرائض والملتمسات", "les pétitions et motions", "petitions and motions"),
    ("ميثاق المرافق العمومية", "la charte des services publics", "the public services charter"),
    ("بوابة النزاهة", "le portail de l'intégrité", "the integrity portal"),
    (
        "التمويل العمومي للجمعيات",
        "le financement public des associations",
        "public funding of associations",
    ),
    ("الاستشارات العمومية", "les consultations publiques", "public consultations"),
    ("المعطيات البيئية", "les données environnementales", "environmental data"),
    ("الصفقات العمومية", "les marchés publics", "public procurement"),
    ("المساطر الإدارية", "les procédures administratives", "administrative procedures"),
    ("التصريح بالممتلكات", "la déclaration de patrimoine", "asset declarations"),
]

SCOPES = [
    ("على المستوى الوطني", "au niveau national", "nationwide"),
    ("على المستوى الجهوي", "au niveau régional", "at regional level"),
    ("بالجماعات الترابية", "dans les collectivités territoriales", "in local governments"),
    ("لفائدة الشباب", "au profit des jeunes", "for young people"),
    ("لفائدة النساء", "au profit des femmes", "for women"),
    ("بالإدارات العمومية", "dans les administrations publiques", "in public administrations"),
    ("بشراكة مع المجتمع المدني", "en partenariat avec la société civile", "with civil society"),
]

ACTIVITY_KINDS = [
    ("إعداد دراسة تشخيصية", "Réaliser une étude diagnostique", "Carry out a diagnostic study"),
    ("إعداد الإطار القانوني", "Préparer le cadre juridique", "Draft the legal framework"),
    ("تكوين الأطر المعنية", "Former les cadres concernés", "Train the staff concerned"),
    ("تطوير المنصة الرقمية", "Développer la plateforme numérique", "Build the digital platform"),
    ("إطلاق حملة تحسيسية", "Lancer une campagne de sensibilisation", "Run an awareness campaign"),
    (
        "تنظيم لقاءات تشاورية",
        "Organiser des rencontres de concertation",
        "Hold consultation meetings",
    ),
    ("نشر تقرير التقييم", "Publier le rapport d'évaluation", "Publish the evaluation report"),
    ("تعميم التجربة النموذجية", "Généraliser l'expérience pilote", "Roll out the pilot"),
]

INSTITUTIONS = [
    (
        "وزارة الانتقال الرقمي وإصلاح الإدارة",
        "Ministère de la Transition numérique et de la Réforme de l'Administration",
        "MTNRA",
        "ministry",
    ),
    ("وزارة الاقتصاد والمالية", "Ministère de l'Économie et des Finances", "MEF", "ministry"),
    ("وزارة الداخلية", "Ministère de l'Intérieur", "MI", "ministry"),
    ("وزارة العدل", "Ministère de la Justice", "MJ", "ministry"),
    (
        "وزارة الانتقال الطاقي والتنمية المستدامة",
        "Ministère de la Transition énergétique et du Développement durable",
        "MTEDD",
        "ministry",
    ),
    (
        "وزارة التضامن والإدماج الاجتماعي والأسرة",
        "Ministère de la Solidarité, de l'Insertion sociale et de la Famille",
        "MSISF",
        "ministry",
    ),
    (
        "الوزارة المنتدبة المكلفة بالعلاقات مع البرلمان",
        "Ministère délégué chargé des Relations avec le Parlement",
        "MCRP",
        "ministry",
    ),
    ("وكالة التنمية الرقمية", "Agence de Développement du Digital", "ADD", "agency"),
    ("أرشيف المغرب", "Archives du Maroc", "AM", "agency"),
    (
        "الهيئة الوطنية للنزاهة والوقاية من الرشوة ومحاربتها",
        "Instance nationale de la probité, de la prévention et de la lutte contre la corruption",
        "INPPLC",
        "agency",
    ),
    ("مجلس النواب", "Chambre des Représentants", "CR", "parliament"),
    ("مجلس المستشارين", "Chambre des Conseillers", "CC", "parliament"),
    ("جمعية الشفافية", "Association Transparence", "AT", "civil_society"),
    ("شبكة الجمعيات المحلية", "Réseau des associations locales", "RAL", "civil_society"),
]

FIRST_NAMES = [
    ("محمد", "mr"),
    ("أحمد", "mr"),
    ("يوسف", "mr"),
    ("رشيد", "mr"),
    ("هشام", "mr"),
    ("نور الدين", "mr"),
    ("المصطفى", "mr"),
    ("جمال", "mr"),
    ("بلال", "mr"),
    ("منير", "mr"),
    ("فاطمة", "ms"),
    ("إكرام", "ms"),
    ("سلمى", "ms"),
    ("هدى", "ms"),
    ("سعيدة", "ms"),
    ("وئام", "ms"),
    ("بسمة", "ms"),
    ("هجر", "ms"),
    ("نزهة", "ms"),
    ("لطيفة", "ms"),
]

LAST_NAMES = [
    "العلمي",
    "بنعامر",
    "المودني",
    "الإدريسي",
    "بوروس",
    "الحمزاوي",
    "الرملي",
    "البقالي",
    "الحضرمي",
    "الجراري",
    "لصفر",
    "بنعياد",
    "الأسفي",
    "مصاير",
    "خلدون",
    "باحدة",
]

NARRATIVES = [
    (
        "تم إنجاز النشاط {n} وفق البرمجة، والشروع في النشاط {m}.",
        "L'activité {n} a été réalisée comme prévu ; l'activité {m} a démarré.",
        "Activity {n} was completed as planned; activity {m} has started.",
    ),
    (
        "النشاط {n}: في انتظار رد القطاعات المعنية، تم التوصل بـ {k} ردود.",
        "Activité {n} : en attente des réponses des départements, {k} réponses reçues.",
        "Activity {n}: awaiting replies from the departments, {k} received.",
    ),
    (
        "تأجيل النشاط {n} بسبب إكراهات مالية، والبحث عن تمويل بديل.",
        "Activité {n} reportée faute de financement ; un financement alternatif est recherché.",
        "Activity {n} postponed for lack of funding; other funding is being sought.",
    ),
    (
        "تنظيم {k} ورشات تكوينية لفائدة الأطر المعنية في إطار النشاط {n}.",
        "{k} ateliers de formation organisés pour les cadres dans le cadre de l'activité {n}.",
        "{k} training workshops held for staff under activity {n}.",
    ),
]

NO_PROGRESS = (
    "لا تقدم منذ الاجتماع الأخير.",
    "Pas d'avancement depuis la dernière réunion.",
    "No progress since the last meeting.",
)

SCHEDULES = [
    (
        "استكمال النشاط {m} قبل نهاية الفصل المقبل.",
        "Achever l'activité {m} avant la fin du prochain trimestre.",
        "Complete activity {m} before the end of next quarter.",
    ),
    (
        "برمجة النشاط {m} خلال الأشهر الثلاثة المقبلة.",
        "Programmer l'activité {m} dans les trois prochains mois.",
        "Schedule activity {m} within three months.",
    ),
    (
        "تم إنجاز كافة الإجراءات المبرمجة.",
        "Toutes les actions programmées ont été réalisées.",
        "All scheduled actions are done.",
    ),
]

PLATFORM_NOTES = (
    "لم يتم إدخال تفاصيل الإجراءات المنجزة في كل نشاط.",
    "Le détail des actions réalisées n'a pas été saisi pour chaque activité.",
    "The details of the actions taken have not been entered for each activity.",
)

AGENDA = [
    (
        "تقدم إنجاز الالتزامات",
        "Avancement des engagements",
        "Progress of the commitments",
        "تقديم رؤساء المشاريع لحصيلة الأنشطة المنجزة.",
        "Les chefs de projet présentent le bilan des activités réalisées.",
        "Project leads present the activities carried out.",
    ),
    (
        "البرمجة الجديدة للأنشطة المتبقية",
        "Nouvelle programmation des activités restantes",
        "New schedule for the remaining activities",
        "مناقشة الآجال الجديدة في ضوء الإكراهات المسجلة.",
        "Discussion des nouveaux délais au vu des contraintes relevées.",
        "Discussion of new deadlines given the constraints reported.",
    ),
    (
        "تحيين منصة التتبع",
        "Mise à jour de la plateforme de suivi",
        "Updating the tracking platform",
        "التذكير بضرورة إدخال تفاصيل الإجراءات المنجزة.",
        "Rappel de la nécessité de saisir le détail des actions réalisées.",
        "Reminder to enter the details of the actions taken.",
    ),
]

NEXT_STEPS = [
    (
        "موافاة الكتابة الدائمة بالوثائق المثبتة قبل {d}.",
        "Transmettre les pièces justificatives au secrétariat avant le {d}.",
        "Send the supporting documents to the secretariat by {d}.",
    ),
    (
        "تحيين منصة التتبع قبل الاجتماع المقبل.",
        "Mettre à jour la plateforme de suivi avant la prochaine réunion.",
        "Update the tracking platform before the next meeting.",
    ),
    (
        "مراسلة القطاعات التي لم ترد بعد.",
        "Relancer les départements qui n'ont pas encore répondu.",
        "Write again to the departments that have not replied.",
    ),
    (
        "إعداد مذكرة حول الإكراهات المالية.",
        "Préparer une note sur les contraintes de financement.",
        "Prepare a note on the funding constraints.",
    ),
]

DESCRIPTION = (
    "يهدف هذا الالتزام إلى {aim}.",
    "Cet engagement vise à {aim}.",
    "This commitment aims to {aim}.",
)
