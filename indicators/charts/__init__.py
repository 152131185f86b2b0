"""Charts: what to draw for an indicator (the plan), and the Plotly figure builders."""
