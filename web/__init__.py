"""antre-web: the visitor's phone (MPP Digital) — live ticket status and the hall board."""
