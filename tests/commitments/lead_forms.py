"""What a browser posts back from the progress report form, read from the page as served."""

from django.urls import reverse


def _posted(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _hidden_initial(value):
    return "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


def load_report_form(client, commitment):
    """GET the update page and return the data its form would post unchanged."""
    response = client.get(reverse("leads:commitment_update", args=[commitment.pk]))
    assert response.status_code == 200
    form, formset = response.context["form"], response.context["formset"]
    data = {}
    for name, field in form.fields.items():
        if name in ("evidence", "remove_evidence"):
            continue
        value = form[name].value()
        data[form.add_prefix(name)] = _posted(value)
        if field.show_hidden_initial:
            data[form.add_initial_prefix(name)] = _hidden_initial(value)
    data.update(
        {
            f"{formset.prefix}-TOTAL_FORMS": str(formset.total_form_count()),
            f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
        }
    )
    for activity_form in formset.forms:
        data[activity_form.add_prefix("id")] = str(activity_form.instance.pk)
        for name in ("status", "revised_end"):
            value = activity_form[name].value()
            data[activity_form.add_prefix(name)] = _posted(value)
            data[activity_form.add_initial_prefix(name)] = _hidden_initial(value)
    return {key: value for key, value in data.items() if value != "" or "initial" in key}


def activity_key(data, activity, name):
    for key, value in data.items():
        if key.endswith("-id") and value == str(activity.pk):
            return key[: -len("id")] + name
    raise KeyError(activity)


def post_report(client, commitment, data, action="draft", **files):
    return client.post(
        reverse("leads:commitment_update", args=[commitment.pk]),
        {**data, "action": action, **files},
    )
