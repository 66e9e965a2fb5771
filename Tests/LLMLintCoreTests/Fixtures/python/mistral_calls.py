from mistralai import Mistral
from mistralai.client import MistralClient

client = Mistral(api_key=key)
legacy = MistralClient(api_key=key)


async def calls(self):
    client.chat.complete(model="mistral-large-latest", messages=[])  # expect: mistral-chat
    await client.chat.complete_async(model="m", messages=[])  # expect: mistral-chat
    client.chat.stream(model="m", messages=[])  # expect: mistral-chat
    client.fim.complete(model="codestral-latest", prompt="def")  # expect: mistral-chat
    client.agents.complete(agent_id="a", messages=[])  # expect: mistral-chat
    client.embeddings.create(model="mistral-embed", inputs=["x"])  # expect: mistral-embeddings
    legacy.chat(model="m", messages=[])  # expect: mistral-legacy-client
    self.client.chat.complete(model="m", messages=[])  # expect: mistral-chat
    with tracker.track_llm_call(provider="mistral"):
        client.chat.complete(model="m", messages=[])


def look_alikes(self, room, bot):
    room.chat("hello")  # look-alike: not bound to MistralClient
    self.chat("hello")  # look-alike: the class's own method
    bot.chat(text="x")  # look-alike: not bound to MistralClient
