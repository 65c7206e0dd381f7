"""course.widgets: filled in by its module's issue."""

__all__: list[str] = []
