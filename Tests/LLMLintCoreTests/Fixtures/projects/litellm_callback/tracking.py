from litellm.integrations.custom_logger import CustomLogger


class BaseUsageLogger(CustomLogger):
    """Records each call's usage; subclasses say where."""
