# No LLM SDK named here either: an untracked caller two steps away from the SDK call.
from llm_client import ask


def nightly_report(prompt):
    return ask(prompt)
