from tracking import BaseUsageLogger


class UsageLogger(BaseUsageLogger):
    def log_success_event(self, kwargs, response_obj, start_time, end_time):
        record(response_obj.usage)
