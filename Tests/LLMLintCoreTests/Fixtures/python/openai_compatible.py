# OpenAI-shaped SDKs are attributed by their import; a receiver bound to another SDK's client is not theirs.
from groq import AsyncGroq, Groq
from huggingface_hub import InferenceClient
from openai import OpenAI
from together import Together

groq_client = Groq()
together_client = Together()
openai_client = OpenAI()
hf = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct")


async def calls(prompt):
    groq_client.chat.completions.create(model="llama-3.3-70b", messages=[])  # expect: groq-chat-completions
    await AsyncGroq().chat.completions.create(model="m", messages=[])  # expect: groq-chat-completions
    groq_client.audio.transcriptions.create(file=f, model="whisper-large-v3")  # expect: groq-chat-completions
    together_client.chat.completions.create(model="m", messages=[])  # expect: together-completions
    together_client.images.generate(model="black-forest-labs/FLUX.1", prompt="cat")  # expect: together-completions
    openai_client.chat.completions.create(model="gpt-4o", messages=[])  # expect: openai-chat-completions
    openai_client.batches.create(input_file_id="f", endpoint="/v1/chat/completions", completion_window="24h")  # expect: openai-batches-videos
    openai_client.videos.create(model="sora-2", prompt="x")  # expect: openai-batches-videos
    hf.chat_completion(messages=[], max_tokens=10)  # expect: huggingface-inference
    hf.text_generation("hi", max_new_tokens=5)  # expect: huggingface-inference
    hf.chat.completions.create(model="m", messages=[])  # expect: huggingface-inference
    with tracker.track_llm_call(provider="groq"):
        groq_client.chat.completions.create(model="m", messages=[])


def look_alikes(self, twilio, stripe):
    self.chat_completion(messages=[])  # look-alike: the class's own method
    self.text_generation("x")  # look-alike: the class's own method
    stripe.Charge.create(amount=100)  # look-alike: Stripe X.Y.create
    twilio.messages.create(to="+1", body="x")  # look-alike: Twilio, no anthropic import
