# Calls written through a name bound to a chain prefix, and through getattr, are judged by the project's
# facts as written-out calls are: a helper whose every caller is tracked is tracked.
from openai import OpenAI


class Writer:
    def __init__(self, tracker):
        self.tracker = tracker
        self.chat = OpenAI().chat

    def summarize(self, text):
        with self.tracker.track_llm_call(provider="openai", model="m"):
            return self._summarize(text)

    def _summarize(self, text):
        completions = self.chat.completions
        return completions.create(model="m", messages=[])

    def classify(self, text):
        with self.tracker.track_llm_call(provider="openai", model="m"):
            return self._classify(text)

    def _classify(self, text):
        return getattr(self.chat.completions, "create")(model="m", messages=[])

    def _draft(self, text):
        # Also called, untracked, from jobs.py.
        completions = self.chat.completions
        return completions.create(model="m", messages=[])  # expect: openai-chat-completions

    def draft(self, text):
        with self.tracker.track_llm_call(provider="openai", model="m"):
            return self._draft(text)
