# instructor clients send the request whatever the provider behind them, and whether or not the file
# imports that provider: this file imports only instructor and cohere.
import cohere
import instructor
from instructor import from_anthropic

client = instructor.from_openai(OpenAI())
claude = instructor.from_provider("anthropic/claude-3-5-sonnet-latest")
patched = instructor.patch(OpenAI())
co = cohere.ClientV2()


class Extractor:
    def __init__(self, api_key):
        self.client = from_anthropic(Anthropic(api_key=api_key))

    def extract(self, text):
        return self.client.messages.create(model="m", response_model=User, messages=[])  # expect: instructor-client

    def typed(self, llm: instructor.Instructor):
        return llm.create(response_model=User, messages=[])  # expect: instructor-client


async def calls(text):
    client.chat.completions.create(model="gpt-4o", response_model=User, messages=[])  # expect: instructor-client
    claude.messages.create(model="m", response_model=User, messages=[])  # expect: instructor-client
    claude.create(response_model=User, messages=[])  # expect: instructor-client
    user, raw = client.create_with_completion(response_model=User, messages=[])  # expect: instructor-client
    for partial in client.create_partial(response_model=User, messages=[]):  # expect: instructor-client
        print(partial)
    users = client.chat.completions.create_iterable(response_model=User, messages=[])  # expect: instructor-client
    patched.chat.completions.create(model="m", response_model=User, messages=[])  # expect: instructor-client
    await instructor.from_openai(AsyncOpenAI()).create(response_model=User, messages=[])  # expect: instructor-client
    with tracker.track_llm_call(provider="anthropic"):
        claude.messages.create(model="m", response_model=User, messages=[])


def look_alikes(db, form, twilio):
    db.create(name="x")  # look-alike: an ORM's create
    form.messages.create(text="x")  # look-alike: not an instructor client, no anthropic import
    twilio.messages.create(to="+1", body="x")  # look-alike: Twilio
    co.chat(model="command-r", messages=[])  # expect: cohere-chat
    User.create(name="x")  # look-alike: a class method
