import anthropic
from anthropic import AnthropicBedrock, AsyncAnthropic

client = anthropic.Anthropic()
bedrock = AnthropicBedrock()


async def calls(prompt):
    message = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[])  # expect: anthropic-messages
    async with AsyncAnthropic().messages.stream(model="m", max_tokens=10, messages=[]) as stream:  # expect: anthropic-messages
        pass
    beta = client.beta.messages.create(model="m", max_tokens=10, messages=[])  # expect: anthropic-messages
    batch = client.messages.batches.create(requests=[])  # expect: anthropic-messages
    legacy = client.completions.create(model="claude-2", prompt="x", max_tokens_to_sample=5)  # expect: anthropic-completions
    via_bedrock = bedrock.messages.create(model="anthropic.claude", max_tokens=5, messages=[])  # expect: anthropic-messages
    with tracker.track_llm_call(provider="anthropic"):
        tracked = client.messages.create(model="m", max_tokens=10, messages=[])
    # Chat completions in a file that imports anthropic stay OpenAI's.
    other = openai_client.chat.completions.create(model="m")  # expect: openai-chat-completions
    tokens = client.messages.count_tokens(model="m", messages=[])
