# Chains written through names bound to a prefix of them, and through getattr with a literal name: each is
# matched as the chain written out, with the same gates and receivers.
import anthropic
from functools import partial
from google import genai
from openai import AsyncOpenAI, OpenAI
from twilio.rest import Client as TwilioClient

client = OpenAI()
aclient = AsyncOpenAI()
claude = anthropic.Anthropic()
genai_client = genai.Client()
twilio_client = TwilioClient(account_sid, auth_token)

# Module-level prefixes, used in functions.
chat_completions = client.chat.completions
responses = OpenAI().responses
runs = client.beta.threads.runs
models = genai_client.models
claude_messages = claude.messages
sms_messages = twilio_client.messages


def local_prefixes():
    completions = client.chat.completions
    completions.create(model="m", messages=[])  # expect: openai-chat-completions
    chat = client.chat
    chat.completions.create(model="m", messages=[])  # expect: openai-chat-completions
    again = chat.completions
    again.parse(model="m", messages=[])  # expect: openai-chat-completions
    embeddings = client.embeddings
    embeddings.create(model="m", input="x")  # expect: openai-embeddings
    messages = claude.messages
    messages.create(model="m", max_tokens=10, messages=[])  # expect: anthropic-messages


async def module_prefixes():
    chat_completions.create(model="m", messages=[])  # expect: openai-chat-completions
    responses.create(model="m", input="x")  # expect: openai-responses
    runs.create(thread_id="t", assistant_id="a")  # expect: openai-assistants-runs
    models.generate_content(model="gemini-2.5-flash", contents="x")  # expect: google-genai-models
    claude_messages.create(model="m", max_tokens=10, messages=[])  # expect: anthropic-messages
    stream = aclient.chat.completions
    await stream.create(model="m", messages=[], stream=True)  # expect: openai-chat-completions


class Assistant:
    def __init__(self):
        self.chat = OpenAI().chat
        self.completions = client.chat.completions
        self.messages = anthropic.Anthropic().messages
        self.sms = twilio_client.messages

    def ask(self):
        self.chat.completions.create(model="m", messages=[])  # expect: openai-chat-completions
        self.completions.create(model="m", messages=[])  # expect: openai-chat-completions
        self.messages.create(model="m", max_tokens=10, messages=[])  # expect: anthropic-messages
        local = self.completions
        local.create(model="m", messages=[])  # expect: openai-chat-completions

    def text(self):
        self.sms.create(to="+15558675310", from_="+15017250604", body="hi")  # look-alike: Twilio through self.sms


def through_getattr(name):
    getattr(client.chat.completions, "create")(model="m", messages=[])  # expect: openai-chat-completions
    getattr(client, 'responses').create(model="m", input="x")  # expect: openai-responses
    getattr(getattr(client, "chat"), "completions").create(model="m", messages=[])  # expect: openai-chat-completions
    getattr(chat_completions, "create", None)(model="m", messages=[])  # expect: openai-chat-completions
    getattr(claude_messages, "create")(model="m", max_tokens=10, messages=[])  # expect: anthropic-messages
    create = getattr(client.embeddings, "create")
    create(model="m", input="x")  # expect: openai-embeddings
    getattr(client.chat.completions, name)(model="m", messages=[])  # look-alike: the name is not a literal
    getattr(client.chat.completions, f"{name}")(model="m", messages=[])  # look-alike: an f-string
    getattr(sms_messages, "create")(to="+15558675310", body="hi")  # look-alike: Twilio
    registry.getattr(client.chat.completions, "create")(model="m")  # look-alike: not the builtin getattr


def sdk_infixes_and_sessions():
    raw = client.chat.completions.with_raw_response
    raw.create(model="m", messages=[])  # expect: openai-chat-completions
    responses.with_streaming_response.create(model="m", input="x")  # expect: openai-responses
    quick = partial(getattr(client.chat.completions, "create"), model="m")
    quick(messages=[])  # expect: openai-chat-completions
    with getattr(client.responses, "connect")(model="gpt-4.1") as connection:  # expect: openai-realtime
        connection.send({"type": "response.create"})


def tracked(tracker):
    completions = client.chat.completions
    with tracker.track_llm_call(provider="openai", model="m"):
        completions.create(model="m", messages=[])
        getattr(completions, "create")(model="m", messages=[])
    response = completions.create(model="m", messages=[])
    record_llm_usage(usage=response.usage)


def look_alikes(completions, unrelated):
    sms_messages.create(to="+15558675310", from_="+15017250604", body="hi")  # look-alike: Twilio in a file importing anthropic
    texts = twilio_client.messages
    texts.create(to="+15558675310", body="hi")  # look-alike: Twilio bound locally
    completions.create(model="m")  # look-alike: a parameter shadows the module-level prefix
    store = unrelated.items
    store.create(name="x")  # look-alike: not a chain of any pattern
    chat_completions = make_queue()
    chat_completions.create(job="x")  # look-alike: rebound locally to something else
