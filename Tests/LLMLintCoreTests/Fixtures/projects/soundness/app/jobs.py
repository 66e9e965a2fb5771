from app.retry import ask_tracked


class Job:
    def run(self):
        return 1


def main(tracker, p):
    with tracker.track_llm_call(provider="openai"):
        Job().run()
        ask_tracked(p)
