import litellm
from crewai import LLM
from litellm import Router, completion
from openai import OpenAI

router = Router(model_list=[])
llm = LLM(model="gpt-4o")


async def calls():
    # Covered by the callback registered in callbacks.py.
    completion(model="gpt-4o", messages=[])
    await litellm.acompletion(model="m", messages=[])
    await router.acompletion(model="m", messages=[])
    llm.call("hi")
    # Not through litellm: still a finding.
    OpenAI().chat.completions.create(model="m", messages=[])  # expect: openai-chat-completions
