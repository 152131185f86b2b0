"""Goal page: every indicator of this Plan goal, by programme, each with a chart suited to its data."""

from ui.goal_page import render

render("goal.good_health")
