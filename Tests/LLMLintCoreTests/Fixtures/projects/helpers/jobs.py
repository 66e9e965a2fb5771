from service import Summarizer


async def nightly(summarizer: Summarizer, texts):
    for text in texts:
        await summarizer._classify(text)
