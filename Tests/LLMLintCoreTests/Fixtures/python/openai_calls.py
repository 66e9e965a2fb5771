"""OpenAI v1 client calls: every one here is untracked unless it says otherwise.

Text in this docstring never counts: client.chat.completions.create(model="m")
"""
import asyncio
import os

from openai import AsyncAzureOpenAI, AsyncOpenAI, AzureOpenAI, OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
azure = AzureOpenAI(api_version="2024-06-01")


def ask(prompt):
    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])  # expect: openai-chat-completions
    return completion.choices[0].message.content


def split_over_lines(prompt):
    return (
        client
        .chat
        # a comment in the middle of the chain
        .completions
        .create(model="gpt-4o", messages=[])  # expect: openai-chat-completions
    )


def receivers(self, clients):
    self._client.chat.completions.create(model="m")  # expect: openai-chat-completions
    get_client().chat.completions.create(model="m")  # expect: openai-chat-completions
    clients["primary"].chat.completions.create(model="m")  # expect: openai-chat-completions
    OpenAI().chat.completions.create(model="m")  # expect: openai-chat-completions
    azure.chat.completions.create(model="deployment")  # expect: openai-chat-completions
    client.beta.chat.completions.parse(model="m", response_format=Answer)  # expect: openai-chat-completions
    client.chat.completions.with_raw_response.create(model="m")  # expect: openai-chat-completions
    client.with_options(timeout=5).chat.completions.create(model="m")  # expect: openai-chat-completions
    client.chat.completions.with_streaming_response.create(model="m")  # expect: openai-chat-completions
    with client.chat.completions.stream(model="m") as stream:  # expect: openai-chat-completions
        pass


async def async_calls():
    aclient = AsyncOpenAI()
    response = await aclient.responses.create(model="gpt-4.1", input="hi")  # expect: openai-responses
    vectors = await aclient.embeddings.create(model="text-embedding-3-small", input=["a"])  # expect: openai-embeddings
    speech = await aclient.audio.speech.create(model="tts-1", voice="alloy", input="x")  # expect: openai-audio
    text = await aclient.audio.transcriptions.create(model="whisper-1", file=f)  # expect: openai-audio
    image = await aclient.images.generate(model="dall-e-3", prompt="cat")  # expect: openai-images
    legacy = await aclient.completions.create(model="gpt-3.5-turbo-instruct", prompt="x")  # expect: openai-completions
    run = await aclient.beta.threads.runs.create(thread_id="t", assistant_id="a")  # expect: openai-assistants-runs
    async with aclient.realtime.connect(model="gpt-realtime") as connection:  # expect: openai-realtime
        pass


def inside_fstring():
    print(f"answer: {client.chat.completions.create(model='m').choices[0].message.content}")  # expect: openai-chat-completions
    print(f"not a call: client.chat.completions.create(model='m')")
    print(f"{'client.chat.completions.create(x)'}")


def legacy_v0(openai):
    import openai as oa
    oa.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])  # expect: openai-legacy-v0
    openai.Completion.create(engine="davinci", prompt="x")  # expect: openai-legacy-v0


# Not calls, or not LLM calls:
def create(self):
    return self.chat.completions  # attribute access, no call


class Completions:
    def create(self, **kwargs):  # a definition named like an SDK method
        return None


handler = client.chat.completions.create  # a reference, not a call
stripe_intent = stripe.PaymentIntent.create(amount=100)  # look-alike: X.Y.create
some.completions_create(model="m")  # look-alike
client.chat.completion.create(model="m")  # look-alike: not the SDK chain
