from openai import OpenAI


class Gateway:
    def transcribe(self, c, x):
        # A forwarder of the same name calls something else, never itself.
        return c.transcribe(x)

    def speak(self, x):
        return OpenAI().audio.speech.create(model="tts-1", input=x)  # expect: openai-audio


class Service:
    def __init__(self):
        self.client = OpenAI()

    async def discover(self, req):
        return self.client.chat.completions.create(model="m", messages=req)  # expect: openai-chat-completions


service = Service()


async def discover(req):
    # A web route of the same name as the service method it calls.
    return await service.discover(req)


class Summarizer:
    def __init__(self):
        self.client = OpenAI()

    def run(self, text):
        # Nothing calls Summarizer.run; an unrelated Job().run() is tracked.
        return self.client.responses.create(model="m", input=text)  # expect: openai-responses
