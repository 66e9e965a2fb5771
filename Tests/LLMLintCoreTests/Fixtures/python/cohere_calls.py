import cohere

co = cohere.ClientV2(api_key=key)
co_v1 = cohere.Client()


class Assistant:
    def __init__(self):
        self.co = cohere.AsyncClientV2()
        self.memory = ConversationMemory()

    async def answer(self, question):
        await self.co.chat(model="command-r-plus", messages=[])  # expect: cohere-chat
        co.chat(model="command-a", messages=[])  # expect: cohere-chat
        co.embed(texts=["x"], model="embed-v4.0", input_type="search_document")  # expect: cohere-chat
        co.rerank(query="q", documents=[], model="rerank-v3.5")  # expect: cohere-chat
        co_v1.generate(prompt="x")  # expect: cohere-chat
        co.v2.chat(model="m", messages=[])  # expect: cohere-chat
        with tracker.track_llm_call(provider="cohere"):
            co.chat(model="m", messages=[])

    def look_alikes(self, slack):
        self.chat(question="x")  # look-alike: the class's own method
        self.memory.summarize()  # look-alike: bound to the app's own class
        slack.chat_postMessage(channel="#general", text="hi")  # look-alike: Slack
