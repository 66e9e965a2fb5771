import fireworks.client
from fireworks.client import AsyncFireworks, Fireworks

client = Fireworks(api_key="k")
aclient = AsyncFireworks()


async def calls(prompt):
    client.chat.completions.create(model="accounts/fireworks/models/llama-v3p1-8b-instruct", messages=[])  # expect: fireworks-completions
    client.completions.create(model="m", prompt=prompt)  # expect: fireworks-completions
    await aclient.chat.completions.acreate(model="m", messages=[])  # expect: fireworks-completions
    client.embeddings.create(model="nomic-ai/nomic-embed-text-v1.5", input=prompt)  # expect: fireworks-completions
    fireworks.client.ChatCompletion.create(model="m", messages=[])  # expect: fireworks-completions
    fireworks.client.Completion.create(model="m", prompt=prompt)  # expect: fireworks-completions
    with tracker.track_llm_call(provider="fireworks"):
        client.chat.completions.create(model="m", messages=[])


def look_alikes(stripe):
    stripe.Completion.create(amount=1)  # look-alike: not fireworks.client
