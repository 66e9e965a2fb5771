from litellm.integrations.custom_logger import CustomLogger


class NotALogger:
    def log_success_event(self, kwargs, response_obj, start_time, end_time):
        pass


class UsageLogger(CustomLogger):
    pass
