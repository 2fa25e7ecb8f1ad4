import { render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { CaseRoute } from "./case-route";
import { UnknownCase } from "./unknown-case";

function openPath(path: string) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/cases/:id" element={<CaseRoute />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe("CaseRoute", () => {
  it.each([
    ["/cases/%25%25%25bad", "%%%bad"],
    ["/cases/not%20a%20case!", "not a case!"],
  ])("calls %s not a case id, without the hint about moved cases", (path, shown) => {
    openPath(path);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Not a case id");
    expect(screen.getByRole("main")).toHaveTextContent(
      `${shown}: This is neither a case UUID nor a case key like PROJ-123.`,
    );
    expect(screen.queryByText(/moved to another project/)).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open another case" })).toHaveAttribute("href", "/");
    expect(document.title).toBe("Not a case id · casegraph");
  });
});

describe("UnknownCase", () => {
  it("keeps a well-formed id that names no case as not found, with the hint about moved cases", () => {
    render(
      <MemoryRouter>
        <UnknownCase id="NOPE-999" reason="Datadog has no case NOPE-999." />
      </MemoryRouter>,
    );
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Case not found");
    expect(screen.getByText(/moved to another project/)).toBeInTheDocument();
    expect(document.title).toBe("Case not found · casegraph");
  });
});
