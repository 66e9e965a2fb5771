# Together's realtime transcription session sends audio to a paid model.
from together import AsyncTogether

ENDPOINTS = [("https://api.together.ai/v1", "m")]


async def transcribe(audio):
    client = AsyncTogether()
    async with client.beta.realtime.transcription(model="m", sample_rate=16000) as session:  # expect: together-completions
        await session.append(audio)
    clients = [(AsyncTogether(base_url=url), model) for url, model in ENDPOINTS]
    other, model = clients[0]
    session = other.beta.realtime.transcription(model=model, sample_rate=16000)  # expect: together-completions
    with tracker.track_llm_call(provider="together"):
        client.beta.realtime.transcription(model="m", sample_rate=16000)


def look_alikes(speech):
    speech.transcription(lang="en")  # look-alike: not the realtime resource
