# This file names no LLM SDK at all; only its call of ask() makes it part of the verdict.
from llm_client import ask


def run(tracker, prompt):
    with tracker.track_llm_call(provider="openai", model="m"):
        return ask(prompt)
