from azure.ai.inference import ChatCompletionsClient, EmbeddingsClient, ImageEmbeddingsClient, load_client
from azure.ai.inference.aio import ChatCompletionsClient as AsyncChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint=ENDPOINT, credential=AzureKeyCredential(KEY))
embeddings = EmbeddingsClient(endpoint=ENDPOINT, credential=AzureKeyCredential(KEY))
images = ImageEmbeddingsClient(endpoint=ENDPOINT, credential=AzureKeyCredential(KEY))
loaded = load_client(endpoint=ENDPOINT, credential=AzureKeyCredential(KEY))


class Service:
    def __init__(self):
        self.chat = AsyncChatCompletionsClient(endpoint=ENDPOINT, credential=CREDENTIAL)
        self.future = asyncio.Future()

    async def ask(self, text):
        response = await self.chat.complete(messages=[UserMessage(content=text)])  # expect: azure-ai-inference
        self.future.complete(response)  # look-alike: bound to something else
        return response

    def typed(self, llm: ChatCompletionsClient):
        return llm.complete(messages=[], stream=True)  # expect: azure-ai-inference


def calls(text):
    client.complete(messages=[SystemMessage(content="x"), UserMessage(content=text)])  # expect: azure-ai-inference
    stream = client.complete(stream=True, messages=[UserMessage(content=text)])  # expect: azure-ai-inference
    embeddings.embed(input=["first", "second"])  # expect: azure-ai-inference
    images.embed(input=[ImageEmbeddingInput(image=data)])  # expect: azure-ai-inference
    loaded.complete(messages=[])  # expect: azure-ai-inference
    with tracker.track_llm_call(provider="azure"):
        client.complete(messages=[])


def look_alikes(self):
    self.complete(messages=[])  # look-alike: the class's own method
    encoder = SentenceEncoder()
    encoder.embed(["x"])  # look-alike: the app's own encoder
