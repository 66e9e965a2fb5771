# A parameter or attribute annotated with an SDK class vouches for its receiver; an annotation never
# refuses one (it may name a protocol or a union).
from typing import Optional

import anthropic
from crewai import LLM
from langchain_openai import ChatOpenAI
from twilio.rest import Client as TwilioClient


class Summarizer:
    llm: ChatOpenAI

    def __init__(self, llm: ChatOpenAI):
        self.llm = llm

    def run(self, text):
        return self.llm.invoke(text)  # expect: langchain-chat-model


def summarize(model: Optional[ChatOpenAI], text: str):
    return model.invoke(text)  # expect: langchain-chat-model


def crew(llm: "LLM | None", agent_llm: LLM = None):
    agent_llm.call("x")  # expect: crewai-llm


def anthropic_typed(client: anthropic.AsyncAnthropic, backend: "LLMBackend"):
    client.messages.create(model="m", max_tokens=10, messages=[])  # expect: anthropic-messages
    backend.messages.create(model="m", max_tokens=10, messages=[])  # expect: anthropic-messages


def look_alikes(chain: Runnable, graph, sid, token):
    chain.invoke({"x": 1})  # look-alike: a LangChain chain, not a chat model
    graph.invoke({"x": 1})  # look-alike: a graph
    sms = TwilioClient(sid, token)
    sms.messages.create(to="+1", body="x")  # look-alike: bound to Twilio's client
