// Root page only: mark the language the browser prefers. No redirect: the reader chooses.
import { preferredLanguage } from "./lib/language.js";

const links = Array.from(document.querySelectorAll("[data-lang]"));
const tags = links.map((link) => link.getAttribute("data-lang"));
const best = preferredLanguage(tags, navigator.languages || [navigator.language || ""]);
if (best !== null) links[tags.indexOf(best)].classList.add("app-choose__link--suggested");
