# Names and bindings followed within one file.
import functools
from functools import partial

import anthropic
import litellm as ll
from litellm import completion as ask
from openai import OpenAI as O
from twilio.rest import Client as TwilioClient

client = O()
claude = anthropic.Anthropic()
sms = TwilioClient(account_sid, auth_token)
create = client.chat.completions.create
quick = functools.partial(client.chat.completions.create, model="gpt-4o-mini")
cheap = partial(ll.completion, model="gpt-4o-mini")
send_claude = claude.messages.create


def calls(prompt):
    create(messages=[])  # expect: openai-chat-completions
    quick(messages=[])  # expect: openai-chat-completions
    cheap(messages=[])  # expect: litellm-completion
    send_claude(model="claude-sonnet-4-5", max_tokens=10, messages=[])  # expect: anthropic-messages
    ll.acompletion(model="m", messages=[])  # expect: litellm-completion
    ask(model="m", messages=[])  # expect: litellm-completion
    claude.messages.create(model="m", max_tokens=10, messages=[])  # expect: anthropic-messages
    with tracker.track_llm_call(provider="openai"):
        create(messages=[])


def look_alikes(create, messages):
    sms.messages.create(to="+15558675310", from_="+15017250604", body="hi")  # look-alike: Twilio client in a file importing anthropic
    create(to="+1")  # look-alike: a parameter shadows the module-level binding
    messages.create(body="x")  # look-alike: no receiver chain before messages


def local_shadow():
    create = make_factory()
    create(kind="x")  # look-alike: rebound locally to something else
