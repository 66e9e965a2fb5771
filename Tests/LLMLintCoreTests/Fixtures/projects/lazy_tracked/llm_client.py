from openai import OpenAI

client = OpenAI()


def _ask(prompt):
    # Tracked through its callers: ask() is only called from jobs.py, inside a tracked block.
    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])


def ask(prompt):
    return _ask(prompt)
