from google import genai
import google.generativeai as legacy_genai

client = genai.Client()
model = legacy_genai.GenerativeModel("gemini-1.5-flash")


async def calls():
    response = client.models.generate_content(model="gemini-2.5-flash", contents="hi")  # expect: google-genai-models
    stream = client.models.generate_content_stream(model="m", contents="hi")  # expect: google-genai-models
    embedded = client.models.embed_content(model="text-embedding-004", contents="x")  # expect: google-genai-models
    aio = await client.aio.models.generate_content(model="m", contents="hi")  # expect: google-genai-models
    chat = client.chats.create(model="m")
    reply = chat.send_message("hello")  # expect: google-genai-chats
    old = model.generate_content("hi")  # expect: google-generativeai-legacy
    old_async = await model.generate_content_async("hi")  # expect: google-generativeai-legacy
    session = model.start_chat()
    answer = session.send_message("hi")  # expect: google-genai-chats
