"""What pages and packs show: overview tiles and tables, the inequalities explorer, the slide deck and board pack."""
