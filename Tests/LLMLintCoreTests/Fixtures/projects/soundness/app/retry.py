from openai import OpenAI

client = OpenAI()


def ask(p, retries=3):
    # Recursion with no tracked entry: its only caller is itself.
    try:
        return client.chat.completions.create(model="m", messages=p)  # expect: openai-chat-completions
    except Exception:
        return ask(p, retries - 1)


def ask_tracked(p, retries=3):
    # Recursion entered only from a tracked context: every run of it is inside one.
    try:
        return client.chat.completions.create(model="m", messages=p)
    except Exception:
        return ask_tracked(p, retries - 1)


def ping_a(p):
    # A cycle with no tracked entry.
    client.embeddings.create(model="m", input=p)  # expect: openai-embeddings
    return ping_b(p)


def ping_b(p):
    return ping_a(p)
