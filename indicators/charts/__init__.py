"""Charts: what to draw for an indicator (the plan), the Plotly figure builders, and one framing for screen,
image and slide."""
