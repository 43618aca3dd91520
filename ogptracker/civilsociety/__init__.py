"""Civil society beside the official figures: the forum's assessments and co-leads."""
