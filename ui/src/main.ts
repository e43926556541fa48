// Entry point of the settings window.
import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";

const target = document.getElementById("app");
if (!target) throw new Error("index.html lacks the #app element");

/** The mounted settings window. */
export default mount(App, { target });
