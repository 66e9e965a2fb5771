import vertexai
from sklearn.linear_model import LinearRegression
from vertexai.generative_models import GenerativeModel
from vertexai.language_models import ChatModel, TextEmbeddingModel, TextGenerationModel
from vertexai.preview.generative_models import GenerativeModel as PreviewModel

vertexai.init(project="p", location="us-central1")
model = GenerativeModel("gemini-1.5-pro")
preview = PreviewModel("gemini-1.5-flash")
embedder = TextEmbeddingModel.from_pretrained("text-embedding-004")
text_model = TextGenerationModel.from_pretrained("text-bison@002")
chat_model = ChatModel.from_pretrained("chat-bison")
regression = LinearRegression()


async def calls(prompt):
    model.generate_content(prompt)  # expect: vertex-ai-generative-models
    await model.generate_content_async(prompt, stream=True)  # expect: vertex-ai-generative-models
    preview.generate_content(prompt)  # expect: vertex-ai-generative-models
    chat = model.start_chat()
    chat.send_message("hi")  # expect: vertex-ai-generative-models
    await chat.send_message_async("hi")  # expect: vertex-ai-generative-models
    vectors = embedder.get_embeddings(["a", "b"])  # expect: vertex-ai-language-models
    await embedder.get_embeddings_async(["a"])  # expect: vertex-ai-language-models
    TextEmbeddingModel.from_pretrained("text-embedding-004").get_embeddings(["a"])  # expect: vertex-ai-language-models
    text_model.predict(prompt, max_output_tokens=256)  # expect: vertex-ai-language-models
    bison = chat_model.start_chat(context="x")
    bison.send_message("hello")  # expect: vertex-ai-generative-models
    for chunk in bison.send_message_streaming("hello"):  # expect: vertex-ai-language-models
        print(chunk)
    with tracker.track_llm_call(provider="vertex"):
        model.generate_content(prompt)


def look_alikes(features):
    regression.predict(features)  # look-alike: scikit-learn
    pipeline.predict(features)  # look-alike: not a Vertex language model
