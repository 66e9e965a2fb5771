from langchain.chat_models import init_chat_model
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import AzureChatOpenAI, ChatOpenAI

llm = ChatOpenAI(model="gpt-4o")
azure = AzureChatOpenAI(deployment_name="d")
model = init_chat_model("claude-sonnet-4-5", model_provider="anthropic")
structured = llm.with_structured_output(Answer)
prompt = ChatPromptTemplate.from_messages([("user", "{q}")])
chain = prompt | llm
graph = build_graph()


class Agent:
    def __init__(self):
        self.llm = ChatOpenAI(model="gpt-4o-mini")

    async def run(self, question):
        await self.llm.ainvoke(question)  # expect: langchain-chat-model
        return self.llm.invoke(question)  # expect: langchain-chat-model


async def calls(question):
    llm.invoke(question)  # expect: langchain-chat-model
    await model.ainvoke(question)  # expect: langchain-chat-model
    azure.stream(question)  # expect: langchain-chat-model
    structured.invoke(question)  # expect: langchain-chat-model
    ChatOpenAI(model="m").invoke(question)  # expect: langchain-chat-model
    llm.batch([question])  # expect: langchain-chat-model
    with tracker.track_llm_call(provider="openai"):
        llm.invoke(question)


def look_alikes(question, runnable):
    chain.invoke({"q": question})  # look-alike: LangChain chain.invoke
    graph.invoke({"messages": []})  # look-alike: LangGraph graph.invoke
    runnable.invoke(question)  # look-alike: unbound receiver
    prompt.invoke({"q": question})  # look-alike: a prompt, not a chat model
