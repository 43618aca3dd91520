"""Civil society beside the official figures: the forum's own assessments and
civil-society co-leads."""
