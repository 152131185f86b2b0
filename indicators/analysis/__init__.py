"""What the data say: latest values and their judgements, inequality gaps, areas and their deprivation."""
