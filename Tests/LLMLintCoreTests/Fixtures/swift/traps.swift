import OpenAI

let a = "openAI.chats(query: q)"
let b = #"openAI.chats(query: q)"#
let c = ##"openAI.chats(query: "#q"#)"##
let d = """
  openAI.chats(query: q)
  \(value)
  """
let e = #/openAI\.chats\(query: q\)/#
let f = /chats\(query:/
/*
 openAI.chats(query: q)
 /* nested openAI.chats(query: q) */
 openAI.chats(query: q)
*/
let g = "\(#"openAI.chats(query: q)"#)"
let h = "\("\(openAI.chats(query: q))")"  // expect: swift-openai-chats
let i = x / openAI.chats(query: q) / 2  // expect: swift-openai-chats
#if os(Linux)
let j = try await openAI.chats(query: q)  // expect: swift-openai-chats
#else
let j = try await openAI.chats(query: q)  // expect: swift-openai-chats
#endif
let k = `default`.chats(query: q)  // expect: swift-openai-chats
