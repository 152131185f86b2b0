"""Statistical methods, pure and table-free: intervals, significance and trend tests,
slope index, disclosure control.
"""
