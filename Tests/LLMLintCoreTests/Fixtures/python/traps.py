# client.chat.completions.create(model="m") in a comment is not a call
"""client.chat.completions.create(model="m") in a module docstring"""
import anthropic

s1 = 'client.chat.completions.create(model="m")'
s2 = "client.messages.create(model='m')"
s3 = r"client.chat.completions.create(\d)"
s4 = b"client.chat.completions.create()"
s5 = """
client.chat.completions.create(model="m")
"""
s6 = f"client.chat.completions.create(model={model!r:>10})"
s7 = f'{"client.chat.completions.create()"}'
s8 = f"{x:{'client.chat.completions.create()'}}"
s9 = rb'client.messages.create()'
s11 = f"{'{'}client.chat.completions.create(){'}'}"


def docstring():
    """Call client.chat.completions.create(model=...) to get an answer."""
    return 1


value = f"{client.chat.completions.create(model=f'{name}')}"  # expect: openai-chat-completions
nested = f"{f'{client.chat.completions.create(model=m)}'}"  # expect: openai-chat-completions
