import litellm
import telemetry
from litellm import completion

from handlers import NotALogger, UsageLogger

# Another module's callbacks, a list never handed to litellm, a project class that is no logger, a string
# integration llmlint does not know to record usage, a function's result: none of them records usage.
telemetry.callbacks = [UsageLogger()]
callbacks = [UsageLogger()]
litellm.callbacks = [NotALogger()]
litellm.success_callback = ["my_sink"]
litellm.callbacks.append(make_handler())
litellm.failure_callback = ["langfuse"]
litellm.callbacks = [CustomLogger()]


def ask(prompt):
    return completion(model="gpt-4o", messages=[{"role": "user", "content": prompt}])  # expect: litellm-completion


async def ask_async(prompt):
    return await litellm.acompletion(model="gpt-4o", messages=[])  # expect: litellm-completion
