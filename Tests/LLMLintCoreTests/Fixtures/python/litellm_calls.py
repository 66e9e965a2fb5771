import litellm
import litellm as ll
from litellm import Router
from litellm import acompletion, completion as ask, embedding

router = Router(model_list=[])


async def calls():
    litellm.completion(model="gpt-4o", messages=[])  # expect: litellm-completion
    ll.completion(model="gpt-4o", messages=[])  # expect: litellm-completion
    ask(model="claude-3", messages=[])  # expect: litellm-completion
    await acompletion(model="m", messages=[])  # expect: litellm-completion
    embedding(model="text-embedding-3-small", input=["x"])  # expect: litellm-completion
    await router.acompletion(model="m", messages=[])  # expect: litellm-router
    router.embedding(model="m", input=["x"])  # expect: litellm-router
    await litellm.aresponses(model="m", input="x")  # expect: litellm-completion
    with tracker.track_llm_call(provider="litellm"):
        ask(model="m", messages=[])
    litellm.completion_cost(completion_response=r)
    litellm.token_counter(model="m", messages=[])


def completion(x):  # a local definition named like the import is not a call
    return x


class Gateway:
    def __init__(self):
        self.store = DocumentStore()

    def look_alikes(self):
        self.completion("x")  # look-alike: the class's own method
        self.store.embedding("x")  # look-alike: bound to the app's own class
