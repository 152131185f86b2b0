"""Small rules said once: area codes and source ids, formatting and wording,
settings, escaping, colours, periods.
"""
