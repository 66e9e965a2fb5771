from openai import OpenAI

client = OpenAI()


def _ask(prompt):
    # report.py calls ask() outside any tracked block, so this call is not tracked.
    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])  # expect: openai-chat-completions


def ask(prompt):
    return _ask(prompt)
