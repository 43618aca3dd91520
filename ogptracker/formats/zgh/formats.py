# Standard Moroccan Amazigh (CLDR zgh, read from Babel 2.18.0, CLDR 47): day
# month year, 24-hour clock, Western digits. Month and weekday names come from
# locale/zgh (ⵉⵏⵏⴰⵢⵔ, ⴱⵕⴰⵢⵕ… ⴰⵢⵏⴰⵙ, ⴰⵙⵉⵏⴰⵙ…), taken from the same CLDR data.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"  # CLDR zgh: a no-break space
NUMBER_GROUPING = 3
