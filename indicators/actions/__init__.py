"""The action tracker: the audit actions and 2020 milestones, their status log, selection, view and chart."""
