import { connectOutlook } from "../../office";
import { mount } from "../../shell";
import { TaskPane } from "./TaskPane";

mount(<TaskPane connect={connectOutlook} />);
