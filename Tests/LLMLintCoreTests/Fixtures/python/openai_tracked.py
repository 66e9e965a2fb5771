from openai import AsyncOpenAI, OpenAI

client = OpenAI()


async def tracked_single_line(self, name, task):
    async with self.llm_usage_tracker.track_llm_call(provider="deepinfra", model=name, feature_context=task) as usage_log:
        completion = await self.openai_client.chat.completions.create(model=name, messages=[])
        usage_log.input_tokens = completion.usage.prompt_tokens

        # a comment line and a blank line inside the block do not end it
        again = await self.openai_client.chat.completions.create(model=name, messages=[])
    after = await self.openai_client.chat.completions.create(model=name, messages=[])  # expect: openai-chat-completions


def tracked_multi_item(tracker):
    with open("log.txt") as log, tracker.track_llm_call(provider="openai") as usage:
        client.chat.completions.create(model="m")
        if True:
            client.chat.completions.create(model="m")
    client.chat.completions.create(model="m")  # expect: openai-chat-completions


def tracked_parenthesised(tracker):
    with (
        tracker.track_llm_call(
            provider="openai",
            model="m",
        ) as usage,
        open("x") as f,
    ):
        client.chat.completions.create(model="m")
        value = client.chat \
            .completions.create(model="m")
    client.responses.create(model="m", input="x")  # expect: openai-responses


def tracked_bare_name():
    with track_llm_call(provider="openai"):
        client.chat.completions.create(model="m")


def one_line_body(tracker):
    with tracker.track_llm_call(provider="openai"): client.chat.completions.create(model="m")
    client.chat.completions.create(model="m")  # expect: openai-chat-completions


def not_tracked_by_name(tracker):
    with tracker.track_llm_call_stats(provider="openai"):
        client.chat.completions.create(model="m")  # expect: openai-chat-completions
    with tracker.my_track_llm_call(provider="openai"):
        client.chat.completions.create(model="m")  # expect: openai-chat-completions
    with track_llm_call:
        client.chat.completions.create(model="m")  # expect: openai-chat-completions
    with open(track_llm_call(x)) as f:
        client.chat.completions.create(model="m")  # expect: openai-chat-completions


@track_llm_call(provider="openai")
def decorated(prompt):
    return client.chat.completions.create(model="m", messages=[])


@tracker.track_llm_call(provider="openai", model="m")
@functools.wraps(other)
async def decorated_async(prompt):
    def nested():
        return client.chat.completions.create(model="m")

    return await client.responses.create(model="m", input=prompt)


@track_llm_call
def decorated_without_call():
    client.embeddings.create(model="m", input="x")


@other_decorator(track_llm_call)
def decorated_by_something_else():
    client.embeddings.create(model="m", input="x")  # expect: openai-embeddings


class Service:
    @track_llm_call(provider="openai")
    def method(self):
        return self.client.chat.completions.create(model="m")

    def untracked_method(self):
        return self.client.chat.completions.create(model="m")  # expect: openai-chat-completions


def after_blocks():
    with tracker.track_llm_call(provider="openai"):
        pass
# a comment at column 0 between the block and the next statement
    client.chat.completions.create(model="m")  # expect: openai-chat-completions


with tracker.track_llm_call(provider="openai"):
    client.chat.completions.create(model="m")
client.chat.completions.create(model="m")  # expect: openai-chat-completions
