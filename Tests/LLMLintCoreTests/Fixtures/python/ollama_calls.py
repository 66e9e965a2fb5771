import ollama
from ollama import AsyncClient, Client, chat

local = Client(host="http://localhost:11434")


async def calls():
    ollama.chat(model="llama3.2", messages=[])  # expect: ollama-calls
    ollama.generate(model="llama3.2", prompt="hi")  # expect: ollama-calls
    chat(model="llama3.2", messages=[])  # expect: ollama-calls
    local.chat(model="llama3.2", messages=[])  # expect: ollama-client
    await AsyncClient().chat(model="m", messages=[])  # expect: ollama-client
    local.embed(model="nomic-embed-text", input="x")  # expect: ollama-client


def look_alikes(room, engine):
    room.chat("hi")  # look-alike: not an Ollama client
    engine.generate(seed=1)  # look-alike: not an Ollama client
