import litellm
from litellm.integrations.custom_logger import CustomLogger
from openai import OpenAI


class CostLogger(CustomLogger):
    async def async_log_success_event(self, kwargs, response_obj, start_time, end_time):
        await save(response_obj.usage)


handler = CostLogger()
handlers = [handler]
litellm.callbacks = handlers


async def ask(prompt):
    # Covered by CostLogger, registered above through a name bound to a list.
    await litellm.acompletion(model="gpt-4o", messages=[])
    return OpenAI().chat.completions.create(model="m", messages=[])  # expect: openai-chat-completions
