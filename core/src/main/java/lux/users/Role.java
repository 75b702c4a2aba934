package lux.users;

public enum Role {

    ADMIN, MARKETER

}
