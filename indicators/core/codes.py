"""Codes the dashboard is built around, said once: the areas it reports on and the report's source id."""

from __future__ import annotations

# ONS area codes (GSS): Leeds local authority district and England.
LEEDS = "E08000035"
ENGLAND = "E92000001"
# The Leeds Health and Care Plan report to the Health and Wellbeing Board, 11 December 2019 (sources.csv).
REPORT_SOURCE = "hwb_report_2019"
